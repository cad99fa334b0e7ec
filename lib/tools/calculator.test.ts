import { describe, expect, it } from "vitest";
import { calculate, calculatorTool, MAX_EXPRESSION_LENGTH } from "./calculator";
import { ALLOWED_FUNCTIONS, getSandbox, MAX_RANGE_ELEMENTS } from "./math-sandbox";

describe("calculator — arithmetic and functions", () => {
  it.each([
    ["2 + 3 * 4", "14"],
    ["(2 + 3) * 4", "20"],
    ["2^10", "1024"],
    ["7 / 2", "3.5"],
    ["1 / 3", "0.33333333333333"],
    ["0.1 + 0.2", "0.3"],
    ["10!", "3628800"],
    ["-7 mod 3", "2"],
    ["sqrt(16) + cbrt(27)", "7"],
    ["sin(pi / 2)", "1"],
    ["round(pi, 3)", "3.142"],
    ["log(8, 2)", "3"],
    ["log10(1000)", "3"],
    ["combinations(52, 5)", "2598960"],
    ["mean([1, 2, 3, 4])", "2.5"],
    ["std([2, 4, 4, 4, 5, 5, 7, 9])", "2.1380899352994"],
    ["det([1, 2; 3, 4])", "-2"],
    ["[1, 2; 3, 4] * [1; 1]", "[[3], [7]]"],
    ["sqrt(-4)", "2i"],
    ["(1 + 2i)^2", "-3 + 4i"],
    ["sum(1:100)", "5050"],
    ["[10, 20, 30][2:end]", "[20, 30]"],
    ["3 > 2 ? 1 : 0", "1"],
    ["2^80", "1.2089258196146e+24"],
    ["1e-12", "1e-12"],
  ])("%s = %s", (expression, expected) => {
    expect(calculate(expression)).toBe(expected);
  });

  it("returns one line per expression when given several", () => {
    expect(calculate("1 + 1; 2 * 3")).toBe("2\n6");
  });
});

describe("calculator — units", () => {
  it.each([
    ["5 cm to inch", "1.9685039370079 inch"],
    ["100 km/h to m/s", "27.777777777778 m / s"],
    ["30 degC to degF", "86 degF"],
    ["5 feet + 3 inch to cm", "160.02 cm"],
    ["1 kg * 9.81 m/s^2 to N", "9.81 N"],
    ["2 hours + 30 minutes to minutes", "150 minutes"],
  ])("%s = %s", (expression, expected) => {
    expect(calculate(expression)).toBe(expected);
  });

  it("explains incompatible units", () => {
    expect(() => calculate("5 kg to m")).toThrow(/Could not evaluate "5 kg to m": .*[Uu]nits do not match/);
  });
});

describe("calculator — refusals", () => {
  it.each([
    ['import({ pi: 3 }, { override: true })', /import is not available/],
    ['evaluate("1 + 1")', /evaluate is not available/],
    ['createUnit("foo", "2 m")', /createUnit is not available/],
    ['parse("1 + 1")', /parse is not available/],
    ['simplify("x + x")', /simplify is not available/],
    ['derivative("x^2", "x")', /derivative is not available/],
    ['config({ number: "BigNumber" })', /config is not available/],
    ["f(x) = f(x - 1) + f(x - 1); f(40)", /defining functions is not supported/],
    ["a = [1]; a = [a, a]", /Assigning variables/],
    ["{ a: 1 }", /Objects are not supported/],
    ["setPowerset([1, 2, 3])", /setPowerset is not available/],
    ["ones(100000, 100000)", /ones is not available/],
    ["zeros", /zeros is a function/],
    ["1:1000000", new RegExp(`at most ${MAX_RANGE_ELEMENTS} elements`)],
    ["[1, 2, 3][1:1e9]", /at most/],
    ["1:(2^30)", /plain numbers as bounds/],
    ["[1, 2, 3][1:0.000001:end]", /step of at least 1/],
    ["combinations(9e15, 4e15)", /too large to compute/],
    ["([1:100]' * [1:100])^1e300", /Matrix powers are limited/],
    ["secret + 1", /Unknown symbol "secret"/],
  ])("refuses %s", (expression, message) => {
    expect(() => calculate(expression)).toThrow(message);
  });

  it("refuses reaching the disabled functions indirectly, e.g. as a callback value", () => {
    expect(() => calculate('map(["1+1"], evaluate)')).toThrow(/map is not available/);
    expect(() => calculate("max(evaluate)")).toThrow(/evaluate is a function/);
  });

  it("keeps the shared instance intact after a refused attempt", () => {
    expect(() => calculate('config({ number: "BigNumber" })')).toThrow();
    expect(() => calculate("import({ pi: 3 }, { override: true })")).toThrow();
    expect(calculate("pi")).toBe("3.1415926535898");
    expect(calculate("0.1 + 0.2")).toBe("0.3");
  });

  it("disables the dangerous functions on the instance itself, not only in the tree check", () => {
    const { math } = getSandbox();
    expect(() => math.evaluate("1 + 1")).toThrow(/evaluate is disabled/);
    expect(() => math.import({})).toThrow(/import is disabled/);
    expect(() => math.createUnit("foo")).toThrow(/createUnit is disabled/);
    expect(() => math.config({ number: "BigNumber" })).toThrow(/config is disabled/);
    expect(math.typeOf(math.divide(1, 3))).toBe("number");
  });

  it("refuses overly long input", () => {
    const long = `1${" + 1".repeat(MAX_EXPRESSION_LENGTH)}`;
    expect(() => calculate(long)).toThrow(`Expression too long: ${long.length} characters, the limit is ${MAX_EXPRESSION_LENGTH}`);
    expect(calculatorTool.parameters.safeParse({ expression: long }).success).toBe(false);
  });

  it("reports syntax errors and empty input clearly", () => {
    expect(() => calculate("2 +")).toThrow(/Could not evaluate "2 \+": Unexpected end of expression/);
    expect(() => calculate("   ")).toThrow(/Empty expression/);
  });

  it("lists only functions that exist in mathjs", () => {
    const { math } = getSandbox();
    const missing = [...ALLOWED_FUNCTIONS].filter((name) => typeof (math as unknown as Record<string, unknown>)[name] !== "function");
    expect(missing).toEqual([]);
  });
});

describe("calculatorTool", () => {
  it("runs through execute with a context", async () => {
    const output = await calculatorTool.execute({ expression: "12 * 12" }, { signal: new AbortController().signal });
    expect(output).toBe("144");
  });
});
