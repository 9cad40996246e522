/** The OpenAPI 3.1 description served at GET /openapi.json. */
export function openApiDocument(options: {
  maxBytes: number;
  timeoutMs: number;
  rateLimit: string;
}): object {
  const error = (description: string, example: string, headers?: object) => ({
    description,
    ...(headers && { headers }),
    content: {
      "application/json": {
        schema: { $ref: "#/components/schemas/Error" },
        example: { detail: example },
      },
    },
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "mrz-scanner reference backend",
      version: "1.0.0",
      description:
        "Reads the Machine Readable Zone of an identity document photo. Holds the recognition service API key " +
        "on the server: clients never send or see it. Answers of the recognizer (200, 400, 422, 503) are passed " +
        'through unchanged; the other errors are produced by this server. All errors are JSON `{ "detail": "…" }`.',
    },
    paths: {
      "/api/mrz": {
        post: {
          operationId: "retrieveMrz",
          summary: "Recognise the MRZ on an uploaded image",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["image"],
                  properties: {
                    image: {
                      type: "string",
                      contentMediaType: "application/octet-stream",
                      description:
                        `JPEG, PNG or WebP, recognised by its magic bytes. Whole request body at most ` +
                        `${options.maxBytes} bytes. Any api_key field or header is ignored.`,
                    },
                  },
                },
                encoding: {
                  image: { contentType: "image/jpeg, image/png, image/webp" },
                },
              },
            },
          },
          responses: {
            "200": {
              description:
                "The recognizer answered; `result` tells whether an MRZ was read.",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/MrzResult" },
                },
              },
            },
            "400": error(
              "No image, an empty image, a malformed multipart body, or a refusal of the recognition service " +
                "(Subscription has not started; No active or future subscription for technology; Client does not " +
                "have subscription; Client does not have access to MRZ technology; MRZ max attempts exceeded).",
              'No image: send the photo in the multipart field "image"',
            ),
            "403": error(
              "A cross-origin request from an origin that is not allowed.",
              "Origin not allowed",
            ),
            "413": error(
              `Request body larger than ${options.maxBytes} bytes; answered while the upload is still arriving, ` +
                "then the connection is closed.",
              `Request body exceeds ${options.maxBytes} bytes`,
            ),
            "415": error(
              "The upload is not multipart/form-data, or the image is not a JPEG, PNG or WebP.",
              "Unsupported image type: send a JPEG, PNG or WebP",
            ),
            "422": error(
              "The recognizer found no readable MRZ.",
              "Error while parsing MRZ",
            ),
            "429": error(
              `More than ${options.rateLimit} requests from this client.`,
              "Too many requests",
              {
                "Retry-After": {
                  description: "Seconds until the client may try again.",
                  schema: { type: "integer" },
                },
              },
            ),
            "502": error(
              "The recognition service could not be reached or answered something that is not a JSON object.",
              "Recognition service unreachable",
            ),
            "503": error(
              "The recognition service is not available, or no recognizer is configured.",
              "MRZ service not available now",
            ),
            "504": error(
              `The recognition service took longer than ${options.timeoutMs} ms.`,
              `Recognition service did not answer within ${options.timeoutMs} ms`,
            ),
          },
        },
      },
      "/healthz": {
        get: {
          operationId: "health",
          summary: "Liveness, and which recognizer answers",
          responses: {
            "200": {
              description: "The server is up.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["status", "recognizer"],
                    properties: {
                      status: { const: "ok" },
                      recognizer: { type: "string" },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: "object",
          required: ["detail"],
          properties: { detail: { type: "string" } },
        },
        MrzResult: {
          type: "object",
          description: "The recognition service answer, passed through as is.",
          properties: {
            backend_session_id: { type: "string" },
            status: {
              type: "string",
              examples: ["RECEIVED", "CREATED", "FAILED"],
            },
            result: { type: "boolean" },
            mrz_string: {
              type: ["string", "null"],
              description: "MRZ lines separated by \\n",
            },
            failure_reason: { type: ["string", "null"] },
          },
          additionalProperties: true,
        },
      },
    },
  };
}
