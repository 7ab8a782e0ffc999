import type { SqlNames } from "../schema/sql-names";
import { refusedByPostgres } from "../sql/database-error";
import type { SqlDriver, SqlRow } from "../sql/sql-driver";
import { type CommitPlan, footprintOf } from "./plan-commit";
import { batchParams, batchStatementText, type WriteStatement } from "./write-statement";

/** Sends a transaction's commit statement; true when its version guard held (or it has none). */
export interface CommitSender {
  send(plan: CommitPlan, statement: WriteStatement): Promise<boolean>;
}

/** Commits sent in one statement at most: its parameters and its plan stay small. */
export const MAX_BATCH = 8;

/** Each commit in a statement of its own. */
export function soloCommits(driver: SqlDriver): CommitSender {
  return {
    send: async (_plan, statement) =>
      held(statement, await driver.query(statement.text, statement.params)),
  };
}

interface Pending {
  plan: CommitPlan;
  statement: WriteStatement;
  resolve(held: boolean): void;
  reject(error: unknown): void;
}

interface Batch {
  members: Pending[];
  /** The rows its members write or guard (`table:id`). */
  rows: Set<string>;
}

/**
 * Group commit: while commits are on their way to PostgreSQL, those that
 * reach the store in one turn of the event loop are sent together when they
 * have the same shape (the same statement text) and touch different rows: one
 * statement, one round trip and one transaction for up to {@link MAX_BATCH}
 * of them, instead of one each. The batch's statement is set-based (each
 * parameter an array of the members' values; see `batchStatementText`), so
 * its text depends on the shape alone and PostgreSQL prepares it once. Every
 * member's writes join its own version guard, so a member whose aggregate
 * changed meanwhile writes nothing and runs again, while the others commit.
 *
 * When no other commit is on its way, a commit is sent at once, alone: a
 * quiet store waits for nothing. When PostgreSQL refuses a batch (a duplicate
 * key, a serialization failure), nothing of it was written, and each member
 * is sent again on its own, to commit or fail exactly as it would have alone;
 * when the connection fails under it, each member fails with that error and
 * none is sent again (the batch may have committed).
 */
export function groupCommits(driver: SqlDriver, names: SqlNames): CommitSender {
  let queue: Pending[] = [];
  let scheduled = false;
  // Commit statements sent and not answered yet.
  let inFlight = 0;
  const query = async (text: string, params: readonly unknown[]): Promise<SqlRow[]> => {
    inFlight++;
    try {
      return await driver.query(text, params);
    } finally {
      inFlight--;
    }
  };
  // The batch statement of each shape, by the shape's own text.
  const texts = new Map<string, string>();

  const alone = async (member: Pending): Promise<void> => {
    try {
      member.resolve(
        held(member.statement, await query(member.statement.text, member.statement.params)),
      );
    } catch (error) {
      member.reject(error);
    }
  };

  const together = async (members: Pending[]): Promise<void> => {
    const [first] = members;
    if (!first) return;
    let text = texts.get(first.statement.text);
    if (text === undefined) {
      text = batchStatementText(names, first.plan);
      if (texts.size >= 1_000) texts.clear();
      texts.set(first.statement.text, text);
    }
    let rows: SqlRow[];
    try {
      rows = await query(text, batchParams(members.map((member) => member.statement.params)));
    } catch (error) {
      // Sent again one by one only when PostgreSQL refused the statement (it rolled back). A lost
      // connection may have come after the commit: each member then fails as it would alone,
      // never sent twice.
      if (!refusedByPostgres(error)) {
        for (const member of members) member.reject(error);
        return;
      }
      await Promise.all(members.map(alone));
      return;
    }
    // Without a guard every write is unconditional: the statement committed them all.
    const passed = new Set(rows.map((row) => String(row.id)));
    for (const member of members) {
      const guard = member.statement.guard;
      member.resolve(guard === undefined || passed.has(guard));
    }
  };

  const flush = (): void => {
    scheduled = false;
    const pending = queue;
    queue = [];
    const shapes = new Map<string, Batch[]>();
    for (const member of pending) {
      if (!member.statement.batchable) {
        void alone(member);
        continue;
      }
      let batches = shapes.get(member.statement.text);
      if (!batches) {
        batches = [];
        shapes.set(member.statement.text, batches);
      }
      const footprint = footprintOf(member.plan);
      let home = batches.find(
        (batch) =>
          batch.members.length < MAX_BATCH && !footprint.some((row) => batch.rows.has(row)),
      );
      if (!home) {
        home = { members: [], rows: new Set() };
        batches.push(home);
      }
      home.members.push(member);
      for (const row of footprint) home.rows.add(row);
    }
    for (const batches of shapes.values()) {
      for (const { members } of batches) {
        const [only] = members;
        if (members.length === 1 && only) void alone(only);
        else void together(members);
      }
    }
  };

  return {
    send(plan, statement) {
      return new Promise<boolean>((resolve, reject) => {
        const member = { plan, statement, resolve, reject };
        // Nothing else on its way: no commit to wait for, so this one goes at once.
        if (inFlight === 0 && queue.length === 0) {
          void alone(member);
          return;
        }
        queue.push(member);
        if (scheduled) return;
        scheduled = true;
        // After the I/O callbacks of this turn: the commits they led to go together.
        if (typeof setImmediate === "function") setImmediate(flush);
        else setTimeout(flush, 0);
      });
    },
  };
}

function held(statement: WriteStatement, rows: SqlRow[]): boolean {
  return !statement.guarded || Number(rows[0]?.ok) === 1;
}
