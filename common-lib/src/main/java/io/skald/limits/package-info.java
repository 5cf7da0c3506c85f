/** Ingestion limits: token-bucket rate limiters, per-tenant and per-stream limits, runtime per-tenant overrides. */
package io.skald.limits;
