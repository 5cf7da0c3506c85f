/** The object store SPI (chunks, index files, rules) and its filesystem and S3 implementations. */
package io.skald.storage;
