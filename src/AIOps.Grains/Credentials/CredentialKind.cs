namespace AIOps.Grains.Credentials;

/// <summary>What a credential is for; each kind has its own fields (<see cref="CredentialSchema"/>). On the wire in kebab-case.</summary>
public enum CredentialKind
{
    /// <summary>An AWS access key: <c>accessKeyId</c>, <c>secretAccessKey</c>, optional <c>sessionToken</c> and <c>region</c>.</summary>
    AwsAccessKey,

    /// <summary>An Azure service principal: <c>tenantId</c>, <c>clientId</c>, <c>clientSecret</c>, optional <c>subscriptionId</c>.</summary>
    AzureServicePrincipal,

    /// <summary>A Kubernetes kubeconfig: <c>kubeconfig</c> (the YAML), optional <c>context</c> to use.</summary>
    Kubeconfig,

    /// <summary>A Terraform Cloud / Enterprise API token: <c>hostname</c> and <c>token</c>.</summary>
    TerraformToken,

    /// <summary>Any other secret as named fields, every one of them secret.</summary>
    Generic,
}
