import { all, create, type MathNode } from "mathjs";

/**
 * A mathjs instance for untrusted expressions (they come from a model, which may be
 * steered by a fetched page). Two layers:
 * 1. mathjs's own hardening (https://mathjs.org/docs/expressions/security.html): functions
 *    that change the instance or parse code at run time are replaced by ones that throw.
 * 2. A check of the parsed tree before anything runs: only listed functions, constants and
 *    units; no assignments or function definitions; small constant ranges. This keeps a
 *    500-character expression from blocking the server (recursion, huge matrices, loops).
 */

/** Functions an expression may call. Everything else in mathjs is refused before evaluation. */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  // arithmetic
  "abs", "add", "subtract", "multiply", "divide", "mod", "pow", "sqrt", "cbrt", "nthRoot", "exp", "expm1",
  "log", "log10", "log2", "log1p", "square", "cube", "ceil", "floor", "fix", "round", "sign", "gcd", "lcm",
  "hypot", "unaryMinus", "norm", "dotMultiply", "dotDivide", "dotPow",
  // trigonometry
  "sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "atan2", "asec", "acsc", "acot",
  "sinh", "cosh", "tanh", "sech", "csch", "coth", "asinh", "acosh", "atanh", "asech", "acsch", "acoth",
  // combinatorics and probability
  "factorial", "gamma", "lgamma", "combinations", "permutations", "erf",
  // statistics
  "min", "max", "sum", "prod", "mean", "median", "mode", "std", "variance", "mad", "quantileSeq", "cumsum",
  // small matrices
  "det", "inv", "transpose", "trace", "dot", "cross", "size", "sort", "flatten", "count",
  // complex numbers
  "re", "im", "conj", "arg", "complex",
  // units, conversion and formatting
  "to", "unit", "number", "format", "hex", "bin", "oct",
  // comparison and logic
  "equal", "unequal", "larger", "smaller", "largerEq", "smallerEq", "compare", "and", "or", "not", "xor",
  "isInteger", "isNegative", "isPositive", "isZero", "isNaN",
]);

// Per mathjs's security guide, plus everything else that parses text, builds expressions or
// changes configuration at run time.
const DISABLED_FUNCTIONS = [
  "import", "createUnit", "reviver", "replacer", "evaluate", "parse", "compile", "parser", "chain", "simplify",
  "simplifyConstant", "simplifyCore", "derivative", "resolve", "rationalize", "leafCount", "symbolicEqual",
];

/** Largest `k` (or `n - k`) for which combinations/permutations loop; beyond it the result overflows anyway. */
const MAX_COMBINATORIC_STEPS = 10_000;
/** Total elements all constant ranges (`1:100`) in one expression may produce. */
export const MAX_RANGE_ELEMENTS = 200;
/** Largest square matrix `A^n` accepts: the power loop runs up to ~1000 multiplications. */
export const MAX_MATRIX_POWER_SIZE = 32;

/** Thrown when an expression uses something the sandbox refuses; the message says what. */
export class DisallowedExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DisallowedExpressionError";
  }
}

function createSandbox() {
  const math = create(all, { number: "number", matrix: "Matrix" });
  // mathjs builds functions lazily from the namespace. Build them all now, while every
  // dependency is the original, so the overrides below only change what expressions see.
  for (const key of Object.keys(math)) void (math as unknown as Record<string, unknown>)[key];
  // Captured before the names are disabled below; only this module can reach them.
  const parse = math.parse;
  const isValuelessUnit = (name: string) => math.Unit.isValuelessUnit(name);

  const disabled = Object.fromEntries(
    DISABLED_FUNCTIONS.map((name) => [
      name,
      () => {
        throw new DisallowedExpressionError(`Function ${name} is disabled in the calculator`);
      },
    ]),
  );

  const originalConfig = math.config;
  // `config({...})` inside an expression would reconfigure the shared instance for every later call.
  // mathjs reads options as properties of this function, so the replacement keeps them readable.
  const lockedConfig = Object.defineProperties(
    (options?: unknown) => {
      if (options !== undefined) throw new DisallowedExpressionError("Function config is disabled in the calculator");
      return (originalConfig as () => unknown)();
    },
    Object.getOwnPropertyDescriptors(originalConfig),
  );

  const { combinations, permutations, pow } = math;
  const tooLarge = (call: string) => new DisallowedExpressionError(`${call} is too large to compute`);
  const guardedCombinations = (n: number, k: number) => {
    if (Math.min(k, n - k) > MAX_COMBINATORIC_STEPS) throw tooLarge(`combinations(${n}, ${k})`);
    return combinations(n, k);
  };
  const guardedPermutations = (n: number, k: number) => {
    if (k > MAX_COMBINATORIC_STEPS) throw tooLarge(`permutations(${n}, ${k})`);
    return permutations(n, k);
  };
  const guardedPow = (base: unknown, exponent: unknown) => {
    if (math.isMatrix(base) || Array.isArray(base)) {
      // size() answers with an Array or a Matrix; valueOf() gives the plain dimensions for both.
      const [rows] = (math.size(base as number[]) as unknown as { valueOf(): number[] }).valueOf();
      if (rows > MAX_MATRIX_POWER_SIZE) {
        throw new DisallowedExpressionError(`Matrix powers are limited to ${MAX_MATRIX_POWER_SIZE}×${MAX_MATRIX_POWER_SIZE} matrices`);
      }
    }
    return pow(base as number, exponent as number);
  };

  math.import(
    {
      ...disabled,
      config: lockedConfig,
      pow: math.typed("pow", { "any, any": guardedPow }),
      combinations: math.typed("combinations", {
        "number, number": guardedCombinations,
      }),
      permutations: math.typed("permutations", {
        number: (n: number) => permutations(n),
        "number, number": guardedPermutations,
      }),
    },
    { override: true },
  );

  return { math, parse, isValuelessUnit };
}

let sandbox: ReturnType<typeof createSandbox> | undefined;

/** The shared hardened instance, built on first use (building it takes a few hundred milliseconds). */
export function getSandbox(): ReturnType<typeof createSandbox> {
  sandbox ??= createSandbox();
  return sandbox;
}

const CONSTANT_TYPES = new Set(["number", "boolean", "Complex", "BigNumber", "Unit"]);

function constantNumber(node: MathNode): number | undefined {
  if (node.type === "ConstantNode") {
    const value = (node as MathNode & { value: unknown }).value;
    return typeof value === "number" ? value : undefined;
  }
  if (node.type === "OperatorNode") {
    const op = node as MathNode & { fn: string; args: MathNode[] };
    if (op.fn === "unaryMinus" && op.args.length === 1) {
      const inner = constantNumber(op.args[0]);
      return inner === undefined ? undefined : -inner;
    }
    if (op.fn === "unaryPlus" && op.args.length === 1) return constantNumber(op.args[0]);
  }
  return undefined;
}

function isEndSymbol(node: MathNode): boolean {
  return node.type === "SymbolNode" && (node as MathNode & { name: string }).name === "end";
}

/**
 * Parses `expression` and checks the tree against the sandbox rules, returning the node to
 * compile. Throws `DisallowedExpressionError` naming the first offending part.
 */
export function parseRestricted(expression: string): MathNode {
  const { math, parse, isValuelessUnit } = getSandbox();
  const root = parse(expression);
  let rangeElements = 0;

  const check = (node: MathNode, inIndex: boolean): void => {
    switch (node.type) {
      case "AssignmentNode":
      case "FunctionAssignmentNode":
        throw new DisallowedExpressionError("Assigning variables or defining functions is not supported; write a single expression");
      case "ObjectNode":
        throw new DisallowedExpressionError("Objects are not supported in calculator expressions");
      case "AccessorNode": {
        const index = (node as MathNode & { index: MathNode & { dotNotation: boolean } }).index;
        if (index.dotNotation) throw new DisallowedExpressionError("Property access (a.b) is not supported");
        break;
      }
      case "FunctionNode": {
        const fn = (node as MathNode & { fn: MathNode & { name?: string } }).fn;
        const name = fn.type === "SymbolNode" ? fn.name : undefined;
        if (name === undefined || !ALLOWED_FUNCTIONS.has(name)) {
          throw new DisallowedExpressionError(
            name === undefined ? "Only named functions can be called" : `Function ${name} is not available in the calculator`,
          );
        }
        // Check only the arguments: the callee name was validated above.
        for (const arg of (node as MathNode & { args: MathNode[] }).args) check(arg, inIndex);
        return;
      }
      case "SymbolNode": {
        const name = (node as MathNode & { name: string }).name;
        if (name === "end" && inIndex) return;
        const known = Object.hasOwn(math, name) ? (math as unknown as Record<string, unknown>)[name] : undefined;
        if (known !== undefined && typeof known !== "function" && CONSTANT_TYPES.has(math.typeOf(known))) return;
        if (known === undefined && isValuelessUnit(name)) return;
        throw new DisallowedExpressionError(
          typeof known === "function"
            ? `${name} is a function; call it like ${name}(...)`
            : `Unknown symbol "${name}": use numbers, constants such as pi or e, and units such as cm or kg`,
        );
      }
      case "RangeNode": {
        const range = node as MathNode & { start: MathNode; end: MathNode; step: MathNode | null };
        // `a[2:end]` is bounded by the size of `a` as long as the step is not a tiny fraction.
        if (inIndex && (isEndSymbol(range.start) || isEndSymbol(range.end))) {
          const step = range.step ? constantNumber(range.step) : 1;
          if (step === undefined || Math.abs(step) < 1) {
            throw new DisallowedExpressionError("Index ranges need a plain step of at least 1");
          }
          break;
        }
        const [start, end, step] = [range.start, range.end, range.step ?? undefined].map((b) => (b ? constantNumber(b) : 1));
        if (start === undefined || end === undefined || step === undefined) {
          throw new DisallowedExpressionError("Ranges (a:b) need plain numbers as bounds, e.g. 1:100");
        }
        const count = step === 0 ? Infinity : Math.max(0, Math.floor((end - start) / step) + 1);
        rangeElements += count;
        if (!Number.isFinite(count) || rangeElements > MAX_RANGE_ELEMENTS) {
          throw new DisallowedExpressionError(`Ranges may produce at most ${MAX_RANGE_ELEMENTS} elements in total`);
        }
        break;
      }
    }
    const childInIndex = inIndex || node.type === "IndexNode";
    node.forEach((child) => check(child, childInIndex));
  };

  check(root, false);
  return root;
}
