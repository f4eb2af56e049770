/**
 * How a synced collection is declared: once, here in shared/, and everything else derives
 * from it — the RxDB schema on the device (rx-schema.ts), validation and authorization of
 * pushes on the server, the replication filter (its scope kinds) and the conflict handler.
 */
import type { z } from "zod";
import type { ScopeKind } from "./scopes";

export type ConflictStrategy<D> = "server-wins" | ((master: D, fork: D) => D);

export interface CollectionDecl<S extends z.ZodObject = z.ZodObject> {
  name: string;
  /** Bump with a migration strategy on the client when the schema changes. */
  version: number;
  schema: S;
  /** Fields the device indexes (RxDB/Dexie). Indexed strings get a maxLength. */
  indexes: string[][];
  /** maxLength of indexed string fields that have none in the schema. */
  indexedMaxLength?: Record<string, number>;
  /** Which scope kinds grant documents of this collection. */
  scopeKinds: readonly ScopeKind[];
  /**
   * What devices may do. `server`: nothing — the server alone writes (certificates, money,
   * enrollments). Otherwise the operations allowed and the fields a device may set; every
   * other field is server-owned and the server overwrites it.
   */
  write:
    | "server"
    | {
        create: boolean;
        update: boolean;
        delete: boolean;
        editable: readonly (keyof z.output<S> & string)[];
      };
  conflict: ConflictStrategy<z.output<S>>;
  /**
   * How a device upgrades what it stored under older versions: one pure function per
   * version above 0, turning a document of version n-1 into one of version n (RxDB's
   * migrationStrategies). Values only the server knows get a stand-in; the device then
   * pulls the collection again from the start, which replaces them.
   */
  migrations?: Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;
}

export type DocOf<C extends CollectionDecl> = z.output<C["schema"]>;

export function defineCollection<S extends z.ZodObject>(
  decl: CollectionDecl<S>,
): CollectionDecl<S> {
  return decl;
}
