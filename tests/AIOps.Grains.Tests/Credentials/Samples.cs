using AIOps.Grains.Credentials;

namespace AIOps.Grains.Tests.Credentials;

/// <summary>Valid credentials of every kind, with secrets distinctive enough to search for.</summary>
internal static class Samples
{
    public const string AccessKeyId = "AKIAZQ3DEXAMPLE7XY9";
    public const string SecretAccessKey = "wJalrXUtnFEMI-K7MDENG-bPxRfiCY-SECRET-aws-1";
    public const string SessionToken = "FwoGZXIvYXdzEBEaDSESSIONTOKEN-SECRET-aws-2";
    public const string ClientSecret = "azure~client~SECRET~Qx8Q~9z7d";
    public const string KubeconfigToken = "eyJhbGciOiJSUzI1NiIsImtpZCI6IkSECRET-k8s-token";
    public const string TerraformToken = "tfc.atlasv1.SECRET-terraform-token-0123456789";
    public const string GenericPassword = "correct horse battery SECRET staple";

    public static readonly string[] Secrets = [SecretAccessKey, SessionToken, ClientSecret, KubeconfigToken, TerraformToken, GenericPassword];

    public static string Kubeconfig => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: prod
          cluster:
            server: https://127.0.0.1:6443
        users:
        - name: agent
          user:
            token: {KubeconfigToken}
        contexts:
        - name: prod
          context:
            cluster: prod
            user: agent
        current-context: prod
        """;

    public static NewCredential Aws(string? team = "payments") => new()
    {
        Kind = CredentialKind.AwsAccessKey,
        Team = team,
        Description = "Terraform agent, prod account",
        Fields = new Dictionary<string, string>
        {
            ["accessKeyId"] = AccessKeyId,
            ["secretAccessKey"] = SecretAccessKey,
            ["sessionToken"] = SessionToken,
            ["region"] = "eu-west-1",
        },
    };

    public static NewCredential Azure() => new()
    {
        Kind = CredentialKind.AzureServicePrincipal,
        Fields = new Dictionary<string, string>
        {
            ["tenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            ["clientId"] = "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
            ["clientSecret"] = ClientSecret,
            ["subscriptionId"] = "00000000-1111-2222-3333-444444444444",
        },
    };

    public static NewCredential Kube() => new()
    {
        Kind = CredentialKind.Kubeconfig,
        Team = "platform",
        Fields = new Dictionary<string, string> { ["kubeconfig"] = Kubeconfig, ["context"] = "prod" },
    };

    public static NewCredential Terraform() => new()
    {
        Kind = CredentialKind.TerraformToken,
        Fields = new Dictionary<string, string> { ["hostname"] = "app.terraform.io", ["token"] = TerraformToken },
    };

    public static NewCredential Generic() => new()
    {
        Kind = CredentialKind.Generic,
        Fields = new Dictionary<string, string> { ["username"] = "svc-aiops", ["password"] = GenericPassword },
    };

    public static CredentialRotation Rotation(string secretAccessKey, string accessKeyId = "AKIAZQ3DEXAMPLE7NEW1") => new()
    {
        Fields = new Dictionary<string, string>
        {
            ["accessKeyId"] = accessKeyId,
            ["secretAccessKey"] = secretAccessKey,
            ["region"] = "eu-central-1",
        },
    };

    public static string Name() => "cred-" + Guid.NewGuid().ToString("N")[..10];
}
