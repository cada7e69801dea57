// `--help` for the repository's scripts: prints the usage and exits 0 when asked.
export function usage(text) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(text.trim());
    process.exit(0);
  }
}
