// The same sandbox-configured user as the sandbox suite, in a fresh editor of its own.
export { default } from '../sandbox/launch';
