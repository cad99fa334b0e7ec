import { Handle, Position } from "@xyflow/react";
import { HANDLES } from "@/lib/stores/editor";

/**
 * Every node takes data on the left and passes its output on from the right. The handle on
 * top is where a reviewer's revise edge comes in: it shows only while one is being drawn
 * (see `data-connecting` in flow-canvas), so it never reads as part of the card.
 */
export function DataHandles({ label }: { label: string }) {
  return (
    <>
      <Handle
        type="target"
        position={Position.Left}
        id={HANDLES.dataIn}
        className="tf-handle tf-handle-data"
        aria-label={`Input of ${label}`}
        title="Input: connect another node's output here"
      />
      <Handle
        type="source"
        position={Position.Right}
        id={HANDLES.dataOut}
        className="tf-handle tf-handle-data"
        aria-label={`Output of ${label}`}
        title="Output: drag to another node's input"
      />
      <Handle
        type="target"
        position={Position.Top}
        id={HANDLES.reviseIn}
        className="tf-handle tf-handle-revise-in"
        aria-label={`Revision input of ${label}`}
        title="Drop here: the reviewer may send work back to this node"
      />
    </>
  );
}

/** Only reviewers get this handle: the start of a revise edge back to an upstream node. */
export function ReviseHandle({ label }: { label: string }) {
  return (
    <Handle
      type="source"
      position={Position.Bottom}
      id={HANDLES.reviseOut}
      className="tf-handle tf-handle-revise"
      aria-label={`Send back for revision from ${label}`}
      title="Revise: drag to an upstream node this reviewer may send work back to"
    />
  );
}
