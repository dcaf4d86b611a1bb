// The elements' script-tag bundle is static files: copied from the installed package into
// public/emzano-elements, served at /emzano-elements/ (keep the cdn/ folder together).
import { cpSync } from 'node:fs';

cpSync('node_modules/emzano-elements/dist/cdn', 'public/emzano-elements/cdn', { recursive: true });
