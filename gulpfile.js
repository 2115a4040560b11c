const path = require('path');
const { task, src, dest } = require('gulp');

// The icons that nodes and credentials reference by `file:` path, and the output schemas n8n
// reads from <node folder>/__schema__/v<x.y.z>/<resource>/<operation>.json, must sit next to the
// compiled files in dist/ (tsc copies JSON too, but only as long as tsconfig includes it).
task('build:icons', () =>
	src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'nodes/**/__schema__/**/*.json'], {
		base: path.resolve('.'),
		encoding: false,
	}).pipe(dest('dist')),
);
