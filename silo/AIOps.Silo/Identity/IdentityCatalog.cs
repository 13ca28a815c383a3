using System.Collections.Frozen;
using System.Text.RegularExpressions;
using AIOps.Abstractions;
using Microsoft.AspNetCore.Identity;

namespace AIOps.Silo.Identity;

/// <summary>
/// The clients and users the embedded issuer knows, from configuration plus — in embedded mode only — the
/// development accounts. Built once at start; a configuration error stops the silo with a message naming it.
/// </summary>
public sealed partial class IdentityCatalog
{
    /// <summary>Public client id of the dashboard (authorization code with PKCE).</summary>
    public const string DashboardClientId = "aiops-dashboard";

    /// <summary>The development clients; their secret is their id.</summary>
    public static readonly IReadOnlyList<string> DevClientIds = ["dev-admin", "dev-approver", "dev-operator", "dev-viewer"];

    /// <summary>The development users; their password is their name.</summary>
    public static readonly IReadOnlyList<string> DevUserNames = ["admin", "approver", "operator", "viewer"];

    private const int MinimumSecretLength = 16;
    private static readonly PasswordHasher<UserSettings> Hasher = new();
    private readonly FrozenDictionary<string, ClientSettings> _clients;
    private readonly FrozenDictionary<string, UserSettings> _users;

    private IdentityCatalog(IEnumerable<ClientSettings> clients, IEnumerable<UserSettings> users, bool devAccounts)
    {
        _clients = clients.ToFrozenDictionary(c => c.ClientId, StringComparer.Ordinal);
        _users = users.ToFrozenDictionary(u => u.UserName, StringComparer.OrdinalIgnoreCase);
        DevAccounts = devAccounts;
    }

    /// <summary>True when the development accounts are seeded.</summary>
    public bool DevAccounts { get; }

    /// <summary>Every confidential client.</summary>
    public IEnumerable<ClientSettings> Clients => _clients.Values;

    /// <summary>Every user.</summary>
    public IEnumerable<UserSettings> Users => _users.Values;

    /// <summary>Validates the settings for the hosting mode and adds the development accounts where allowed.</summary>
    /// <exception cref="InvalidOperationException">The settings are not safe or not complete.</exception>
    public static IdentityCatalog Build(IdentitySettings settings, bool durable)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var devAccounts = settings.DevAccounts ?? !durable;
        if (durable && devAccounts)
        {
            throw new InvalidOperationException(
                "AIOps:Identity:DevAccounts is on in durable mode. The development clients (dev-admin, dev-approver, dev-operator, dev-viewer) and users have well-known secrets and are refused outside the embedded mode; declare real clients under AIOps:Identity:Clients.");
        }

        var reserved = DevClientIds.Concat(DevUserNames).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var client in settings.Clients)
        {
            Check(IdPattern().IsMatch(client.ClientId), $"AIOps:Identity:Clients: client id '{client.ClientId}' must be 1-64 letters, digits, '.', '_' or '-'.");
            Check(!(durable && reserved.Contains(client.ClientId)), $"AIOps:Identity:Clients: '{client.ClientId}' is a development-only account; a durable silo refuses to start with it.");
            Check(client.ClientSecret.Length >= MinimumSecretLength, $"AIOps:Identity:Clients: the secret of client '{client.ClientId}' must be at least {MinimumSecretLength} characters.");
            CheckRoles(client.Roles, client.ToString());
        }

        foreach (var user in settings.Users)
        {
            Check(IdPattern().IsMatch(user.UserName), $"AIOps:Identity:Users: user name '{user.UserName}' must be 1-64 letters, digits, '.', '_' or '-'.");
            Check(!(durable && reserved.Contains(user.UserName)), $"AIOps:Identity:Users: '{user.UserName}' is a development-only account; a durable silo refuses to start with it.");
            Check(user.PasswordHash is not null || (!durable && user.Password is not null), durable
                ? $"AIOps:Identity:Users: user '{user.UserName}' needs a PasswordHash (made by 'dotnet run --project silo/AIOps.Silo -- hash-password'); plain passwords are refused in durable mode."
                : $"AIOps:Identity:Users: user '{user.UserName}' needs a Password or PasswordHash.");
            CheckRoles(user.Roles, user.ToString());
        }

        var clients = settings.Clients.ToList();
        var users = settings.Users.ToList();
        if (devAccounts)
        {
            clients.AddRange(DevClientIds.Select(id => new ClientSettings { ClientId = id, ClientSecret = id, Roles = [id["dev-".Length..]] }));
            users.AddRange(DevUserNames.Select(name => new UserSettings { UserName = name, Password = name, DisplayName = $"Development {name}", Roles = [name] }));
        }

        Check(clients.Select(c => c.ClientId).Distinct(StringComparer.Ordinal).Count() == clients.Count, "AIOps:Identity:Clients: client ids must be unique.");
        Check(users.Select(u => u.UserName).Distinct(StringComparer.OrdinalIgnoreCase).Count() == users.Count, "AIOps:Identity:Users: user names must be unique.");
        return new IdentityCatalog(clients, users, devAccounts);
    }

    /// <summary>Makes a password hash for configuration.</summary>
    public static string HashPassword(string password) => Hasher.HashPassword(new UserSettings(), password);

    /// <summary>The client with this id, if any.</summary>
    public ClientSettings? FindClient(string? clientId) =>
        clientId is not null && _clients.TryGetValue(clientId, out var client) ? client : null;

    /// <summary>The user with this name, if any.</summary>
    public UserSettings? FindUser(string? userName) =>
        userName is not null && _users.TryGetValue(userName, out var user) ? user : null;

    /// <summary>The user when the password is right; null otherwise (unknown user or wrong password alike).</summary>
    public UserSettings? CheckPassword(string? userName, string? password)
    {
        if (FindUser(userName) is not { } user || string.IsNullOrEmpty(password))
        {
            return null;
        }

        if (user.PasswordHash is { } hash)
        {
            return Hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed ? user : null;
        }

        return user.Password is { } plain && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(plain), System.Text.Encoding.UTF8.GetBytes(password)) ? user : null;
    }

    private static void CheckRoles(List<string> roles, string who)
    {
        Check(roles.Count > 0, $"AIOps:Identity: {who} needs at least one role (viewer, operator, approver, admin).");
        foreach (var role in roles)
        {
            Check(Caller.RoleOrder.Contains(role), $"AIOps:Identity: {who} has unknown role '{role}'; roles are viewer, operator, approver, admin.");
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
