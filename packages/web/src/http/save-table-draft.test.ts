import { describe, expect, it } from 'vitest';
import { saveProblem, suggestTableName } from './save-table-draft.js';

describe('the save-as-table suggestions', () => {
  it('names the table after the last meaningful path segment, avoiding taken names', () => {
    expect(suggestTableName('https://api.example.com/v1/users?page=2')).toBe('users');
    expect(suggestTableName('{{base_url}}/api/v2/Order-Items/')).toBe('order_items');
    expect(suggestTableName('{{base_url}}')).toBe('api_response');
    expect(suggestTableName('http://x.test/repos/42', ['repos', 'repos_2'])).toBe('repos_3');
  });

  it('says what is missing before saving', () => {
    expect(saveProblem('', null, 20)).toBe('Name the table.');
    expect(saveProblem('t', null, 0)).toBe('The page limit is a whole number from 1 to 1,000.');
    expect(saveProblem('t', { kind: 'page', param: '' }, 5)).toBe(
      'Name the query parameter that selects the page.',
    );
    expect(saveProblem('t', { kind: 'link' }, 20)).toBeNull();
  });
});
