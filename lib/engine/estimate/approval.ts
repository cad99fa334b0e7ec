import type { RoleEstimator } from "./types";

/** An approval step calls no model: it is free, and hands its upstream text (or the task) on as it is. */
export const estimateApproval: RoleEstimator<"approval"> = (_node, ctx) => {
  const passed = ctx.upstream.reduce((tokens, { out }) => tokens + out.instances * out.perInstance, 0);
  return {
    usage: { calls: 0, input: 0, cached: 0, output: 0 },
    produced: { instances: 1, perInstance: passed || ctx.count(ctx.input), pool: false },
  };
};
