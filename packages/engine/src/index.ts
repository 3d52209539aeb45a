export { type ErrorKind, isSightlineError, SightlineError } from './errors.js';
