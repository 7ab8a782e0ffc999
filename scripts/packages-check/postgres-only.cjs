// A PostgreSQL-only user: @tender/store-postgres loads without PGlite
// installed, and a store with nothing to connect to is a configuration error.
"use strict";
const { TenderError } = require("@tender/core");
const { postgresStore } = require("@tender/store-postgres");

delete process.env.DATABASE_URL;
let refused;
try {
  postgresStore();
} catch (error) {
  refused = error;
}
if (!TenderError.isInstance(refused) || refused.code !== "configuration") {
  throw new Error(
    `postgresStore() without a database: expected a configuration TenderError, got ${refused}`,
  );
}
console.log(`postgres only: ${refused.message}`);
