/**
 * English messages for zod/mini. Classic zod registered its English locale on first use; zod/mini
 * registers none, so an issue without a message of our own would read only "Invalid input" (not
 * "Invalid input: expected string, received number", "Too small: ..."). Every module that builds
 * or runs a schema imports this file for its side effect, so the messages stay what they were.
 * Imported from zod/v4/locales/en.js, not through `z.locales`, so a bundle takes English only.
 */
import { config, globalConfig } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

// Like classic zod: only when no locale is set yet, so an explicit z.config(...) elsewhere wins.
if (!globalConfig.localeError) config(en());
