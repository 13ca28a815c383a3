using System.Text.RegularExpressions;

namespace AIOps.Grains.Credentials;

/// <summary>One field a credential kind accepts.</summary>
/// <param name="Name">The field's name in <c>fields</c>, camelCase.</param>
/// <param name="Required">Whether the credential is refused without it.</param>
/// <param name="Exposure">How much of the value the metadata shows.</param>
/// <param name="MaxLength">Longest value accepted, in characters.</param>
/// <param name="Pattern">The whole value must match this, if set.</param>
/// <param name="PatternHint">Says in words what <paramref name="Pattern"/> wants (never the value).</param>
public sealed record CredentialField(string Name, bool Required, CredentialExposure Exposure, int MaxLength, Regex? Pattern = null, string? PatternHint = null);
