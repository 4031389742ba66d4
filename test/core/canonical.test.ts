import { canonicalJson, sameCanonical } from "../../src/core/canonical.js";

describe("canonicalJson", () => {
  it("sorts keys at every level, keeps array order, drops undefined members", () => {
    const a = { b: [3, { z: 1, a: null }], a: "x", u: undefined, n: { y: true, "é": 1, Z: 2 } };
    expect(canonicalJson(a)).toBe('{"a":"x","b":[3,{"a":null,"z":1}],"n":{"Z":2,"y":true,"é":1}}');
    expect(canonicalJson({ n: { Z: 2, "é": 1, y: true }, a: "x", b: [3, { a: null, z: 1 }] })).toBe(canonicalJson(a));
  });

  it("writes scalars as JSON, undefined as null, and escapes keys", () => {
    expect([1, "s", true, null, undefined].map(canonicalJson)).toEqual(["1", '"s"', "true", "null", "null"]);
    expect(canonicalJson([undefined])).toBe("[null]");
    expect(canonicalJson({ 'a"b': 1 })).toBe('{"a\\"b":1}');
    expect(JSON.parse(canonicalJson({ k: ["\u2028", { x: {} }] }))).toEqual({ k: ["\u2028", { x: {} }] });
  });
});

describe("sameCanonical", () => {
  it("tells apart what canonicalJson tells apart", () => {
    expect(sameCanonical({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameCanonical({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameCanonical([1, 2], [2, 1])).toBe(false);
    expect(sameCanonical({}, [])).toBe(false);
    expect(sameCanonical({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameCanonical(undefined, null)).toBe(true);
    expect(sameCanonical("1", 1)).toBe(false);
  });
});
