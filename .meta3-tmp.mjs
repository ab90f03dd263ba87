import * as esbuild from 'esbuild';
for (const entry of process.argv.slice(2)) {
  const r = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node22', minify: true, mainFields: ['module','main'], write: false, metafile: true, outdir: '/tmp/metaout', logLevel: 'silent' });
  const out = Object.values(r.metafile.outputs)[0];
  console.log('==', entry);
  console.log(Object.entries(out.inputs).filter(([f]) => !f.includes('node_modules')).map(([f, i]) => `${String(i.bytesInOutput).padStart(6)} ${f}`).join('\n'));
}
