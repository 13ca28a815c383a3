using System.Security.Cryptography;

namespace AIOps.Testing;

/// <summary>
/// The accounts tests call the silo with. Embedded silos have the development clients (<c>dev-admin</c> ..., secret =
/// id); durable silos refuse those, so tests give them <c>test-admin</c> ... with a secret made for this test run.
/// </summary>
public static class TestAccounts
{
    /// <summary>The admin role.</summary>
    public const string Admin = "admin";

    /// <summary>Issuer every durable test silo shares, so a token from one is valid on all.</summary>
    public const string DurableIssuer = "http://aiops-tests.local/";

    /// <summary>The four roles, weakest first.</summary>
    public static readonly IReadOnlyList<string> Roles = ["viewer", "operator", "approver", "admin"];

    private static readonly string DurableSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>Client id and secret for <paramref name="role"/>.</summary>
    public static (string ClientId, string Secret) For(string role, bool durable) =>
        durable ? ($"test-{role}", DurableSecret) : ($"dev-{role}", $"dev-{role}");

    /// <summary>Environment settings that declare the durable test clients.</summary>
    public static IEnumerable<KeyValuePair<string, string>> DurableSettings()
    {
        yield return new("AIOps__Identity__Issuer", DurableIssuer);
        for (var i = 0; i < Roles.Count; i++)
        {
            var (id, secret) = For(Roles[i], durable: true);
            yield return new($"AIOps__Identity__Clients__{i}__ClientId", id);
            yield return new($"AIOps__Identity__Clients__{i}__ClientSecret", secret);
            yield return new($"AIOps__Identity__Clients__{i}__Roles__0", Roles[i]);
        }
    }
}
