const path = require('path');
const { task, src, dest } = require('gulp');

// tsc emits only code and the codex JSON; the icons that nodes and credentials reference by
// `file:` path must sit next to the compiled files in dist/.
task('build:icons', () =>
	src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: path.resolve('.'),
		encoding: false,
	}).pipe(dest('dist')),
);
