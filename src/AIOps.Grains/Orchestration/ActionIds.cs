using System.Security.Cryptography;
using System.Text;

namespace AIOps.Grains.Orchestration;

/// <summary>Action ids derived from the proposing agent and the idempotency key, so a redelivered proposal lands on the same action.</summary>
public static class ActionIds
{
    /// <summary><c>act-</c> followed by 32 hex digits of SHA-256(agent id, idempotency key).</summary>
    public static string For(string agentId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{agentId.Length}:{agentId}\n{idempotencyKey}"));
        return "act-" + Convert.ToHexStringLower(hash, 0, 16);
    }
}
