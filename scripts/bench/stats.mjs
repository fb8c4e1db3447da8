// Small helpers shared by the bench stages.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export function ratio(value, reference) {
  return Number.isFinite(value) && Number.isFinite(reference) && reference > 0 ? value / reference : null;
}

// Runs a program that prints one JSON object per line on stdout (als_bench);
// its stderr (progress for people) passes through. Resolves to the objects.
export function runJsonLines(program, args, { cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    const objects = [];
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          objects.push(JSON.parse(line));
        } catch {
          process.stderr.write(`${line}\n`);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(objects);
      else reject(new Error(`${program} ${args.join(' ')} exited with ${code}`));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// CPU seconds of every process on the machine (/proc/stat, 1/100 s ticks), NaN elsewhere.
function machineBusySeconds() {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return NaN;
  }
}

// Starts measuring; share() = cores this process kept busy (pthread workers
// included) and cores other processes took meanwhile (as als_bench's CpuMeter).
export function cpuMeter() {
  const own = process.cpuUsage();
  const machine = machineBusySeconds();
  const start = performance.now();
  return () => {
    const wall = (performance.now() - start) / 1000;
    const used = process.cpuUsage(own);
    const ownSeconds = (used.user + used.system) / 1e6;
    return { cores: ownSeconds / wall, otherCores: Math.max(0, machineBusySeconds() - machine - ownSeconds) / wall };
  };
}

// "CPU 1.96 cores (others 0.03)": how busy a timed run kept the machine.
export function cpuText(cores, otherCores) {
  if (!Number.isFinite(cores)) return '';
  return `CPU ${cores.toFixed(2)} cores` + (Number.isFinite(otherCores) ? ` (others ${otherCores.toFixed(2)})` : '');
}
