'use strict';
// Every process the e2e tools start runs in its own process group (spawn detached) and is
// registered here, so it can be stopped by its group id: on a normal stop, on Ctrl-C, on an
// uncaught exception and when this Node process exits. Nothing is ever stopped by name.

const net = require('net');
const { spawn } = require('child_process');

const groups = new Map(); // pid → label
const cleanups = new Set(); // sync functions run on exit (temp folders, ...)
let handlersInstalled = false;
let stopping = false;

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

function stopAllNow(signal = 'SIGKILL') {
	for (const pid of groups.keys()) killGroup(pid, signal);
	groups.clear();
	for (const fn of cleanups) {
		try {
			fn();
		} catch {}
	}
	cleanups.clear();
}

function installHandlers() {
	if (handlersInstalled) return;
	handlersInstalled = true;
	process.on('exit', () => stopAllNow('SIGKILL'));
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(sig, () => {
			if (stopping) return;
			stopping = true;
			const pids = [...groups.keys()];
			process.stdout.write(`\n${sig}: stopping the ${pids.length} process group(s) started here (${pids.join(', ') || 'none'})\n`);
			for (const pid of pids) killGroup(pid, 'SIGTERM');
			// Give them up to 10 s to shut down cleanly, then kill what is left.
			const deadline = Date.now() + 10000;
			const poll = setInterval(() => {
				const alive = pids.filter((pid) => killGroup(pid, 0));
				if (alive.length && Date.now() < deadline) return;
				clearInterval(poll);
				stopAllNow('SIGKILL');
				process.exit(130);
			}, 200);
		});
	}
}

function onExit(fn) {
	installHandlers();
	cleanups.add(fn);
	return () => cleanups.delete(fn);
}

// spawn() in a new process group, registered for stopping. Returns the ChildProcess with an
// extra `stop(timeoutMs)` that sends SIGTERM to the group, waits, then SIGKILLs the group.
function spawnGroup(cmd, args, opts = {}, label = cmd) {
	installHandlers();
	const child = spawn(cmd, args, { ...opts, detached: true });
	const pid = child.pid;
	if (pid) groups.set(pid, label);
	let exited = false;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = true;
			resolve({ code, signal });
		});
		child.on('error', (err) => {
			exited = true;
			resolve({ code: -1, signal: null, error: err });
		});
	});
	child.exited = exitPromise;
	child.stop = async (timeoutMs = 10000) => {
		// A group already swept is not signalled again: its id may by now belong to another group.
		if (!pid || !groups.has(pid)) return;
		killGroup(pid, 'SIGTERM');
		if (!exited) {
			await Promise.race([exitPromise, new Promise((r) => setTimeout(r, timeoutMs))]);
		}
		// The group may still hold children (n8n's task runner) after its leader exited.
		killGroup(pid, 'SIGKILL');
		groups.delete(pid);
	};
	exitPromise.then(() => {
		// Leader gone: sweep whatever it left in its group, then forget it.
		killGroup(pid, 'SIGKILL');
		groups.delete(pid);
	});
	return child;
}

function freePort(host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, host, () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function portIsFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.unref();
		srv.once('error', () => resolve(false));
		srv.listen(port, host, () => srv.close(() => resolve(true)));
	});
}

module.exports = { isStopping: () => stopping, spawnGroup, killGroup, stopAllNow, onExit, installHandlers, freePort, portIsFree, groups };
