/**
 * Debian's nginx in front of app instances, as a process of the test: TLS with a certificate made now
 * (openssl, nothing committed), HTTP/2, round robin over the instances, and the proxy headers the app
 * reads (scripts/serve.js with ADDRESS_HEADER, XFF_DEPTH and ORIGIN, see the README's "Running
 * several instances"). Everything it writes stays in its own temporary directory.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Nginx {
	/** The https address the browser uses. */
	url: string;
	port: number;
	dir: string;
	/** The access log so far, one entry per finished request. */
	requests: () => Promise<ProxiedRequest[]>;
	output: () => string;
	stop: () => Promise<void>;
}

export interface ProxiedRequest {
	/** The instance(s) nginx tried, as "127.0.0.1:port" (a retried request names both). */
	upstream: string;
	status: number;
	method: string;
	uri: string;
	protocol: string;
}

/** Where a request from nginx to the apps comes from: not the browser's 127.0.0.1 (see proxy_bind). */
export const PROXY_SOURCE = '127.0.0.3';

/**
 * Starts nginx on `port` (freePort) in front of the instances on `upstreamPorts`. The access log names the instance
 * that answered each request, so a test can tell which one did without the app saying so in public.
 */
export async function startNginx(port: number, upstreamPorts: number[]): Promise<Nginx> {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-nginx-'));
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-days',
			'1',
			'-subj',
			'/CN=localhost',
			'-addext',
			'subjectAltName=DNS:localhost,IP:127.0.0.1',
			'-keyout',
			path.join(dir, 'test.key'),
			'-out',
			path.join(dir, 'test.crt')
		],
		{ stdio: 'ignore' }
	);
	await fs.writeFile(path.join(dir, 'nginx.conf'), config(dir, port, upstreamPorts));
	// Debian installs it in /usr/sbin, which is not on every user's PATH.
	const binary = process.env.NGINX_PATH || (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
	const child: ChildProcess = spawn(
		binary,
		['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log'), '-g', 'daemon off;'],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	const url = `https://localhost:${port}`;
	const nginx: Nginx = {
		url,
		port,
		dir,
		output: () => output,
		requests: async () => {
			const text = await fs.readFile(path.join(dir, 'access.log'), 'utf8').catch(() => '');
			return text
				.split('\n')
				.filter(Boolean)
				.map((line) => {
					const [upstream = '', status = '0', method = '', uri = '', protocol = ''] = line.split('\t');
					return { upstream, status: Number(status), method, uri, protocol };
				});
		},
		stop: async () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
			await exited;
			await fs.rm(dir, { recursive: true, force: true });
		}
	};
	// Ready once it answers on its port (its health check is the app's, through the proxy).
	const deadline = Date.now() + 20_000;
	let exitedEarly = false;
	void exited.then(() => (exitedEarly = true));
	while (Date.now() < deadline && !exitedEarly) {
		const answered = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1', () => {
				socket.end();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (answered) return nginx;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(
		`nginx did not start:\n${output}\n${await fs.readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '')}`
	);
}

/**
 * The configuration: nginx 1.22 (Debian 12) takes HTTP/2 as `listen … http2` (`http2 on;` came in
 * 1.25). proxy_bind gives the requests to the apps another loopback source address than the
 * browser's, so the test proves the app takes the client's address from X-Forwarded-For.
 */
function config(dir: string, port: number, upstreamPorts: number[]): string {
	return `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
	client_body_temp_path ${dir}/client_body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	log_format instances '$upstream_addr\\t$status\\t$request_method\\t$request_uri\\t$server_protocol';
	access_log ${dir}/access.log instances;
	upstream herstelpad {
${upstreamPorts.map((upstream) => `		server 127.0.0.1:${upstream} max_fails=1 fail_timeout=2s;`).join('\n')}
	}
	server {
		listen 127.0.0.1:${port} ssl http2;
		server_name localhost;
		ssl_certificate ${dir}/test.crt;
		ssl_certificate_key ${dir}/test.key;
		# Video uploads (MEDIA_MAX_MB, 500 by default).
		client_max_body_size 501m;
		location / {
			proxy_pass http://herstelpad;
			# HTTP/1.1 to the apps, one connection per request: a kept-alive connection to an instance
			# that is stopping would fail a form post that nginx may not send again.
			proxy_http_version 1.1;
			proxy_set_header Host $host;
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto $scheme;
			proxy_bind ${PROXY_SOURCE};
			# Live mode streams (server-sent events) go out as they are written.
			proxy_buffering off;
			proxy_request_buffering off;
			proxy_read_timeout 1h;
			# An instance that is stopping or gone: the request goes to another.
			proxy_next_upstream error timeout http_502 http_503;
		}
	}
}
`;
}
