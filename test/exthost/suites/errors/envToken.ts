// A PlanetScale token given only through the environment (as in CI or a container): not shaped
// like a pscale_tkn_ token, so only its registration with the redactor can mask it.
export const ENV_TOKEN_ID = 'envtokenid01';
export const ENV_TOKEN = 'Env-Only-Token+With/Odd "Chars" é 42';
