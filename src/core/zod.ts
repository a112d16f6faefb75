/**
 * zod for the core: `zod/mini`, the same package as `zod` with a functional API that bundlers can
 * tree-shake (`zod` itself puts ~450 KB into every bundle), with zod's English messages, which
 * `zod/mini` does not load by itself (they appear in the settings' problem messages).
 *
 * Import it as a namespace, `import * as z from './zod'`: a `z` object handed around as a value (as
 * `import { z } from 'zod/mini'` is) keeps every export of zod in the bundle.
 */

import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());

export * from 'zod/mini';
