/**
 * Settings given in code or read from environment variables (through Effect's ConfigProvider,
 * the environment by default), so that a ConfigError names what the user actually set.
 */
import { Config, Effect, Option, Redacted } from 'effect';
import { ConfigError } from '../errors.js';

/** A setting's value, if any, and the name a ConfigError about it should use. */
export interface SourcedSetting<A> {
  readonly value: A | undefined;
  /** The option's name when the value was given in code, else the environment variable's. */
  readonly setting: string;
}

const isBlank = (value: unknown): boolean =>
  (typeof value === 'string' && value.trim() === '') ||
  (Redacted.isRedacted(value) && String(Redacted.value(value)).trim() === '');

/**
 * `given` when it is set (the option `option`), else the environment variable `variable` read
 * with `config`; a variable that is blank counts as unset. A variable that cannot be read is a
 * ConfigError naming it.
 */
export const fromCodeOrEnv = <A>(
  option: string,
  given: A | undefined,
  variable: string,
  config: Config.Config<A>,
): Effect.Effect<SourcedSetting<A>, ConfigError> =>
  given !== undefined
    ? Effect.succeed({ value: given, setting: option })
    : Config.option(config).pipe(
        Effect.mapError(
          () => new ConfigError({ setting: variable, message: `${variable} could not be read from the environment` }),
        ),
        Effect.map((read) => ({
          value: Option.getOrUndefined(Option.filter(read, (value) => !isBlank(value))),
          setting: variable,
        })),
      );

/** The value of `sourced`, or a ConfigError saying its variable is not set, with `hint` on what to set. */
export const required = <A>(sourced: SourcedSetting<A>, hint: string): Effect.Effect<A, ConfigError> =>
  sourced.value === undefined
    ? Effect.fail(new ConfigError({ setting: sourced.setting, message: `${sourced.setting} is not set: ${hint}` }))
    : Effect.succeed(sourced.value);
