/** Background work of a console: started when it serves (or once it is ready), stopped at close. */
export interface Job {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}
