/** Absolute paths of the runtime binaries, by runtime name. `node20` is the Node running the caller. */
export declare const runtimes: {
  readonly node20: string;
  readonly node24: string;
  readonly deno: string;
  readonly bun: string;
};
