// The .env safety suite runs against the sandbox exactly as the main sandbox suite does.
export { default } from '../sandbox/launch';
