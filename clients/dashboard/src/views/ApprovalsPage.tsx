import { useRef, useState } from "react";
import {
  Alert, Box, Button, Card, CardActions, CardContent, Chip, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, Stack,
  TextField, Typography,
} from "@mui/material";
import { describeError, ProblemError, type AgentAction, type Approval, type ApprovalInboxItem } from "../api";
import { ErrorAlert, SeverityChip, relativeTime } from "../components/common";
import { useConsole, useReadyMark } from "../console";
import { useLive } from "../live";

/**
 * Pending actions with what a decision needs (risk, blast radius, the policy's reasons, predicted success), and
 * approve/reject with a comment where the server says this user may decide: four eyes is the server's rule, shown
 * here as the reason the buttons are missing.
 */
export function ApprovalsPage() {
  const { api, live } = useConsole();
  const [items, setItems] = useState<ApprovalInboxItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [deciding, setDeciding] = useState<{ item: ApprovalInboxItem; approve: boolean } | null>(null);
  // Decided requests never become pending again: a read or an item fetch that started before the decision must not
  // bring one back.
  const decided = useRef(new Set<string>());
  const keep = (items: readonly ApprovalInboxItem[]) => items.filter((i) => !decided.current.has(i.approval.actionId));

  const read = async (isCurrent: () => boolean) => {
    try {
      const inbox = await api.approvalInbox();
      if (isCurrent()) {
        // Pushes that arrived during the read are kept when newer.
        setItems((shown) => keep(inbox.reduce(withInboxItem, shown)));
        setLoaded(true);
      }
    } catch (e) {
      if (isCurrent()) {
        setError(describeError(e));
      }
    }
  };

  useLive(
    live,
    ["approvals", "actions"],
    {
      ApprovalChanged: (approval: Approval) => {
        if (approval.status !== "pending") {
          decided.current.add(approval.actionId);
          setItems((shown) => shown.filter((i) => i.approval.actionId !== approval.actionId));
          return;
        }

        // A new or escalated request: its inbox item carries the server's view (blast radius, whether this user may decide).
        void api.approvalInboxItem(approval.actionId).then(
          (item) => setItems((shown) => keep(withInboxItem(shown, item))),
          (e: unknown) => {
            // Gone meanwhile (decided, or out of this user's scope): nothing to show.
            if (!(e instanceof ProblemError && e.status === 404)) {
              setError(describeError(e));
            }
          },
        );
      },
      ActionChanged: (action: AgentAction) =>
        setItems((shown) => shown.map((i) => (i.action.id === action.id && i.action.updatedAt <= action.updatedAt ? { ...i, action } : i))),
    },
    read,
  );
  useReadyMark("approvals", loaded);

  return (
    <Stack spacing={2} data-testid="approvals">
      <Typography variant="h5" component="h1">Approvals</Typography>
      <ErrorAlert error={error} />
      {loaded && items.length === 0 ? <Typography color="text.secondary">Nothing is waiting for approval.</Typography> : null}
      {items.map((item) => (
        <InboxCard key={item.approval.actionId} item={item} onDecide={(approve) => setDeciding({ item, approve })} />
      ))}
      {deciding ? (
        <DecisionDialog
          item={deciding.item}
          approve={deciding.approve}
          onClose={() => setDeciding(null)}
          onDecided={(approval) => {
            decided.current.add(approval.actionId);
            setItems((shown) => shown.filter((i) => i.approval.actionId !== approval.actionId));
            setDeciding(null);
          }}
        />
      ) : null}
    </Stack>
  );
}

/** The inbox after an item changed: replaced by id unless what is shown is newer; decided ones leave; oldest request first. */
export function withInboxItem(items: readonly ApprovalInboxItem[], item: ApprovalInboxItem): ApprovalInboxItem[] {
  const shown = items.find((i) => i.approval.actionId === item.approval.actionId);
  if (shown && shown.action.updatedAt > item.action.updatedAt) {
    return [...items];
  }

  const next = items.filter((i) => i.approval.actionId !== item.approval.actionId);
  if (item.approval.status === "pending") {
    next.push(item);
  }

  return next.sort((a, b) => a.approval.requestedAt.localeCompare(b.approval.requestedAt) || a.approval.actionId.localeCompare(b.approval.actionId));
}

function InboxCard({ item, onDecide }: { item: ApprovalInboxItem; onDecide: (approve: boolean) => void }) {
  const { approval, action } = item;
  return (
    <Card data-testid={`approval-${action.id}`} aria-label={`approval for ${action.description}`}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 1 }}>
          <SeverityChip severity={action.riskLevel} />
          <Typography variant="h6" component="h2">{action.description}</Typography>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {action.type} by {action.agentId} · requested by <strong>{approval.requestedBy}</strong> {relativeTime(approval.requestedAt)} · expires {relativeTime(approval.expiresAt)}
          {approval.escalationLevel > 0 ? ` · escalated ×${approval.escalationLevel}` : ""}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: "wrap", rowGap: 1 }}>
          <Chip label={`risk ${action.riskLevel}`} data-testid="risk" />
          <Chip label={`blast radius ${item.blastRadius}${item.blastRadiusCapped ? "+" : ""} resources`} data-testid="blast-radius" />
          <Chip
            label={item.predictedSuccess === null ? "no success prediction" : `predicted success ${(item.predictedSuccess * 100).toFixed(0)}%`}
            color={item.predictedSuccess === null ? "default" : item.predictedSuccess >= 0.8 ? "success" : item.predictedSuccess >= 0.5 ? "warning" : "error"}
            data-testid="predicted-success"
          />
        </Stack>
        <Typography variant="subtitle2" sx={{ mt: 2 }}>Targets</Typography>
        <Typography variant="body2">{action.targetResources.join(", ")}</Typography>
        {action.estimatedImpact ? <Typography variant="body2" color="text.secondary">Impact: {action.estimatedImpact}</Typography> : null}
        <Typography variant="subtitle2" sx={{ mt: 2 }}>Why approval is needed</Typography>
        <List dense disablePadding data-testid="policy-reasons">
          {approval.reasons.map((r) => <ListItem key={r} disableGutters><ListItemText primary={r} /></ListItem>)}
        </List>
        {action.rationale.length > 0 ? (
          <>
            <Typography variant="subtitle2" sx={{ mt: 1 }}>Agent's rationale</Typography>
            <List dense disablePadding>{action.rationale.map((r) => <ListItem key={r} disableGutters><ListItemText secondary={r} /></ListItem>)}</List>
          </>
        ) : null}
      </CardContent>
      <CardActions>
        {item.canDecide ? (
          <>
            <Button variant="contained" color="success" onClick={() => onDecide(true)}>Approve</Button>
            <Button variant="outlined" color="error" onClick={() => onDecide(false)}>Reject</Button>
          </>
        ) : (
          <Typography variant="body2" color="text.secondary" data-testid="cannot-decide">{item.cannotDecideReason}</Typography>
        )}
      </CardActions>
    </Card>
  );
}

function DecisionDialog({ item, approve, onClose, onDecided }: {
  item: ApprovalInboxItem;
  approve: boolean;
  onClose: () => void;
  onDecided: (approval: Approval) => void;
}) {
  const { api } = useConsole();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDecided(await (approve ? api.approve(item.action.id, comment) : api.reject(item.action.id, comment)));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth>
      <DialogTitle>{approve ? "Approve" : "Reject"}: {item.action.description}</DialogTitle>
      <DialogContent>
        <Alert severity={approve ? "warning" : "info"} sx={{ mb: 2 }}>
          {approve ? `The orchestrator will run it on ${item.action.targetResources.length} target(s).` : "The agent is told, and may propose again."} Your comment goes into the audit trail.
        </Alert>
        <TextField autoFocus fullWidth multiline minRows={2} label="Comment (required)" value={comment} onChange={(e) => setComment(e.target.value)} />
        <Box sx={{ mt: 2 }}><ErrorAlert error={error} /></Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color={approve ? "success" : "error"} disabled={busy} onClick={() => void submit()}>
          {approve ? "Approve" : "Reject"}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
