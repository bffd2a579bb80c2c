// Bundles the pages' scripts and styles into ../bin/.../assets (the output folder is the first argument).
import * as esbuild from 'esbuild';

const out = process.argv[2] ?? 'dist';
await esbuild.build({
  entryPoints: {
    site: 'src/site.css',
    pages: 'src/pages.js',
    designer: 'src/designer.js',
    indicators: 'src/indicators.js',
    processes: 'src/processes.js',
  },
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ['chrome110', 'firefox115', 'safari16'],
  format: 'esm',
  outdir: out,
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  logLevel: 'warning',
});
