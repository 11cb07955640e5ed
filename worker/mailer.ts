// One transport for both processes (the API sends sign-in links): config/mailer.ts.
export { createMailer } from '../config/mailer';
