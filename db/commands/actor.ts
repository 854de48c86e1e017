/** The person a command acts for: already authenticated and authorised by the caller. */
export interface Actor {
  id: number;
}

/** Options every command accepts: the clock, injectable so that tests are deterministic. */
export interface CommandOptions {
  now?: Date;
}
