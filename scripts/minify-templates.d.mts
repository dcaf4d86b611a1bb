/** Types for minify-templates.mjs, shared by the build scripts and the tests. */
export function minifyCss(text: string): string;
export function minifyHtml(text: string): string;
export function minifyTemplates(code: string): string;
export function minifyTemplatesPlugin(): {
  name: string;
  enforce: 'pre';
  transform(code: string, id: string): { code: string; map: null } | null;
};
