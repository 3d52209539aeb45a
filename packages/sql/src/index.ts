export { quoteIdent, quoteString } from './quote.js';
