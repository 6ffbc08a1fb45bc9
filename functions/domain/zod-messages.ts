import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini has no messages of its own (classic zod loads these whenever it builds a schema): load its
// English ones, so that a request's `details`, a bad configuration or a bad stored item read the same.
// Imported for this effect by the modules that hold schemas; messages are made when a value is parsed.
z.config(en());
