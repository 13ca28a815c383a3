using AIOps.Abstractions;
using Microsoft.AspNetCore.Authorization;

namespace AIOps.Silo.Identity;

/// <summary>
/// Authorization policies by role. Roles are ordered: viewer reads; operator also acts on incidents, resources,
/// agents and submits actions; approver also approves or rejects; admin also changes configuration, policy and
/// credentials.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Read anything in the caller's scope.</summary>
    public const string Read = "aiops:read";

    /// <summary>Act on incidents, resources and agents.</summary>
    public const string Operate = "aiops:operate";

    /// <summary>Approve or reject actions.</summary>
    public const string Approve = "aiops:approve";

    /// <summary>Configuration, policy, credentials, compliance export.</summary>
    public const string Admin = "aiops:admin";

    /// <summary>The role each policy needs at least.</summary>
    public static string RoleFor(string policy) => policy switch
    {
        Read => Roles.Viewer,
        Operate => Roles.Operator,
        Approve => Roles.Approver,
        Admin => Roles.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown policy."),
    };

    /// <summary>Registers the four policies; anything without a policy still needs an authenticated caller.</summary>
    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var policy in new[] { Read, Operate, Approve, Admin })
        {
            var role = RoleFor(policy);
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().AddRequirements(new MinimumRoleRequirement(role)));
        }

        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}

/// <summary>Needs <see cref="Role"/> or a stronger role.</summary>
/// <param name="Role">The weakest role that passes.</param>
public sealed record MinimumRoleRequirement(string Role) : IAuthorizationRequirement;

/// <summary>Checks <see cref="MinimumRoleRequirement"/> against the caller's roles.</summary>
public sealed class MinimumRoleHandler : AuthorizationHandler<MinimumRoleRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MinimumRoleRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.HasAtLeast(requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
