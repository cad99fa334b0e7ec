/** The graph document: schema, roles, validation, topology and migrations. Pure TypeScript. */
export { TIERS, tierSchema, type Tier } from "./tiers";
export {
  ROLE_DEFINITIONS,
  ROLES,
  roleSchema,
  getRoleDefinition,
  isRole,
  type Role,
  type RoleDefinition,
  type RoleDefinitionOf,
  type RoleOptions,
} from "./roles";
export {
  GRAPH_SCHEMA_VERSION,
  GRAPH_LIMITS,
  EDGE_KINDS,
  NODE_SCHEMAS,
  nodeIdSchema,
  positionSchema,
  graphNodeSchema,
  graphEdgeSchema,
  edgeKindSchema,
  graphSettingsSchema,
  graphDocumentSchema,
  createNode,
  emptyGraph,
  isNodeOfRole,
  type GraphDocument,
  type GraphDocumentInput,
  type GraphNode,
  type NodeOfRole,
  type GraphEdge,
  type EdgeKind,
  type GraphSettings,
  type Position,
} from "./schema";
export {
  GRAPH_ISSUE_CODES,
  STRUCTURAL_ISSUE_CODES,
  describeNode,
  isStructuralIssue,
  type GraphIssue,
  type GraphIssueCode,
} from "./issues";
export {
  GRAPH_MIGRATIONS,
  migrateGraphDocument,
  migrateWith,
  type GraphMigration,
  type GraphMigrations,
  type MigrationResult,
} from "./migrate";
export {
  buildTopology,
  topologicalOrder,
  ancestors,
  descendants,
  sources,
  sinks,
  dataCycles,
  type Topology,
  type TopologyInput,
} from "./topology";
export {
  checkGraphDocument,
  graphProblems,
  validateGraph,
  type DocumentCheck,
  type ValidationContext,
  type ValidationResult,
} from "./validate";
export { structuralIssues } from "./validate-structure";
export { TEMPLATES, getTemplate, type GraphTemplate } from "./templates";
