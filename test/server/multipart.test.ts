import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  boundaryOf,
  indexOf,
  indexOfPortable,
  MalformedMultipartError,
  PayloadTooLargeError,
  readMultipart,
  type PartInfo,
} from "../../src/server/multipart.js";

const enc = new TextEncoder();

function streamOf(
  bytes: Uint8Array,
  cuts: number[],
): ReadableStreamDefaultReader<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    pieces.push(bytes.slice(at, cut));
    at = cut;
  }
  return new ReadableStream<Uint8Array>({
    pull(c) {
      const next = pieces.shift();
      if (next) c.enqueue(next);
      else c.close();
    },
  }).getReader();
}

async function parse(
  body: Uint8Array,
  cuts: number[] = [],
  maxBytes = 1 << 20,
  boundary = "XyZ",
) {
  const parts: { info: PartInfo; data: number[] }[] = [];
  await readMultipart(
    streamOf(body, cuts),
    boundary,
    (info) => {
      const part = { info, data: [] as number[] };
      parts.push(part);
      return { write: (b) => part.data.push(...b), end: () => {} };
    },
    { maxBytes },
  );
  return parts;
}

/** A body as a browser's FormData would produce it, with bytes that look like delimiters inside. */
const image = new Uint8Array([
  0xff, 0xd8, 0xff, 13, 10, 45, 45, 88, 121, 13, 10, 45, 45, 0, 1, 2, 13,
]);
const body = new Uint8Array([
  ...enc.encode(
    'preamble to ignore\r\n--XyZ\r\nContent-Disposition: form-data; name="api_key"\r\n\r\nsecret\r\n',
  ),
  ...enc.encode(
    '--XyZ  \r\nContent-Disposition: form-data; name="image"; filename="a \\"b\\".jpg"\r\n',
  ),
  ...enc.encode("Content-Type: image/jpeg\r\n\r\n"),
  ...image,
  ...enc.encode("\r\n--XyZ--\r\nepilogue"),
]);

describe("readMultipart", () => {
  it("reads every part exactly, however the body is cut into chunks", async () => {
    for (let a = 0; a <= body.length; a += 3) {
      for (const b of [a + 1, a + 7, a + 40]) {
        const cuts = [a, b].filter((x) => x > 0 && x < body.length);
        const parts = await parse(body, cuts);
        assert.equal(parts.length, 2, `cuts ${cuts}`);
        assert.deepEqual(parts[0]?.info, { name: "api_key" });
        assert.deepEqual(parts[0]?.data, [...enc.encode("secret")]);
        assert.deepEqual(parts[1]?.info, {
          name: "image",
          fileName: 'a "b".jpg',
          contentType: "image/jpeg",
        });
        assert.deepEqual(parts[1]?.data, [...image], `cuts ${cuts}`);
      }
    }
  });

  it("also reads a body cut into single bytes", async () => {
    const parts = await parse(
      body,
      Array.from({ length: body.length - 1 }, (_, i) => i + 1),
    );
    assert.deepEqual(parts[1]?.data, [...image]);
  });

  it("stops with PayloadTooLargeError as soon as the byte count passes the limit", async () => {
    let pulled = 0;
    const reader = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1000));
      },
    }).getReader();
    await assert.rejects(
      readMultipart(reader, "XyZ", () => null, { maxBytes: 10_500 }),
      PayloadTooLargeError,
    );
    assert.ok(pulled <= 13, `read ${pulled} chunks of an endless body`);
  });

  it("rejects a body that ends early, a part without a name, and oversized part headers", async () => {
    await assert.rejects(
      parse(body.subarray(0, body.length - 20)),
      MalformedMultipartError,
    );
    await assert.rejects(
      parse(
        enc.encode("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--"),
      ),
      /without a form-data name/,
    );
    const big = enc.encode(
      `--XyZ\r\nContent-Disposition: form-data; name="a"\r\nX: ${"y".repeat(9000)}\r\n\r\nx\r\n--XyZ--`,
    );
    await assert.rejects(parse(big), /headers too large/);
  });

  it("searches bytes the same with and without Node's Buffer", () => {
    const hay = new Uint8Array([...body, ...body]);
    const needles = [
      enc.encode("\r\n--XyZ"),
      enc.encode("--XyZ--"),
      enc.encode("nope"),
      new Uint8Array([0xff, 0xd8]),
    ];
    for (const needle of needles) {
      for (const from of [0, 1, 50, body.length, hay.length]) {
        assert.equal(
          indexOf(hay, needle, from),
          indexOfPortable(hay, needle, from),
        );
        assert.equal(
          indexOfPortable(hay, needle, from),
          Buffer.from(hay).indexOf(Buffer.from(needle), from),
        );
      }
    }
  });

  it("finds the boundary of multipart/form-data only", () => {
    assert.equal(
      boundaryOf(
        "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk",
      ),
      "----WebKitFormBoundary7MA4YWxk",
    );
    assert.equal(
      boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b;c"'),
      "a b;c",
    );
    assert.equal(boundaryOf("multipart/mixed; boundary=x"), null);
    assert.equal(boundaryOf("application/json"), null);
    assert.equal(
      boundaryOf(`multipart/form-data; boundary=${"x".repeat(71)}`),
      null,
    );
    assert.equal(boundaryOf(null), null);
  });
});
