using System.Text.Json;
using AIOps.Abstractions;
using AIOps.Abstractions.Audit;
using AIOps.Grains.Credentials;

namespace AIOps.Grains.Tests.Credentials;

public sealed class CredentialVaultTests : IAsyncLifetime
{
    private VaultHost _host = null!;

    private ICredentialVault Vault => _host.Vault;

    public static TheoryData<NewCredential, string> BadCredentials() => new()
    {
        { new NewCredential { Fields = Samples.Aws().Fields }, "kind" },
        { new NewCredential { Kind = CredentialKind.AwsAccessKey }, "fields" },
        { With(Samples.Aws(), "secretAccessKey", null), "fields.secretAccessKey" },
        { With(Samples.Aws(), "accessKeyId", "not-an-access-key-id"), "fields.accessKeyId" },
        { With(Samples.Aws(), "region", "Europe West"), "fields.region" },
        { With(Samples.Aws(), "secretKey", "typo"), "fields.secretKey" },
        { With(Samples.Azure(), "clientSecret", " "), "fields.clientSecret" },
        { With(Samples.Azure(), "clientId", "my-app"), "fields.clientId" },
        { With(Samples.Azure(), "tenantId", null), "fields.tenantId" },
        { With(Samples.Kube(), "kubeconfig", null), "fields.kubeconfig" },
        { With(Samples.Kube(), "kubeconfig", new string('k', CredentialSchema.MaxKubeconfigLength + 1)), "fields.kubeconfig" },
        { With(Samples.Terraform(), "hostname", "https://app.terraform.io/"), "fields.hostname" },
        { With(Samples.Terraform(), "token", "a\0b"), "fields.token" },
        { With(Samples.Generic(), "bad key!", "v"), "fields" },
        { With(Samples.Generic(), "password", ""), "fields.password" },
        { new NewCredential { Kind = CredentialKind.Generic, Fields = new Dictionary<string, string>() }, "fields" },
        { new NewCredential { Kind = CredentialKind.Generic, Fields = Enumerable.Range(0, 33).ToDictionary(i => $"k{i}", _ => "v") }, "fields" },
        { new NewCredential { Kind = CredentialKind.Generic, Fields = Enumerable.Range(0, 3).ToDictionary(i => $"k{i}", _ => new string('x', 30_000)) }, "fields" },
        { new NewCredential { Kind = CredentialKind.Generic, Team = "Payments Team", Fields = Samples.Generic().Fields }, "team" },
        { new NewCredential { Kind = CredentialKind.Generic, Description = new string('d', 501), Fields = Samples.Generic().Fields }, "description" },
    };

    public Task InitializeAsync()
    {
        _host = VaultHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ACreatedCredentialShowsOnlyNonSecretAndMaskedFieldsAndDecryptsInProcess()
    {
        var name = Samples.Name();
        var created = await Vault.CreateAsync(name, Samples.Aws(), "alice");

        Assert.Equal((name, CredentialKind.AwsAccessKey, "payments", 1, "alice"), (created.Name, created.Kind, created.Team, created.Version, created.CreatedBy));
        Assert.Equal(new Dictionary<string, string> { ["accessKeyId"] = "****7XY9", ["region"] = "eu-west-1" }, created.Attributes);
        Assert.Equal(["accessKeyId", "secretAccessKey", "sessionToken"], created.SecretFields);
        Assert.Null(created.RotatedAt);
        Assert.Equal(created, (await Vault.ListAsync("payments")).Single(m => m.Name == name) with { Attributes = created.Attributes, SecretFields = created.SecretFields });
        Assert.Equal(created.Attributes, (await Vault.GetAsync(name)).Attributes);

        var secret = await Vault.GetSecretAsync(name);
        Assert.Equal((Samples.AccessKeyId, Samples.SecretAccessKey, Samples.SessionToken, 1), (secret["accessKeyId"], secret["secretAccessKey"], secret["sessionToken"], secret.Version));
        Assert.Throws<KeyNotFoundException>(() => secret["password"]);
    }

    [Fact]
    public async Task EveryKindIsStoredAndReadBack()
    {
        foreach (var (credential, secretField, value) in new[]
        {
            (Samples.Azure(), "clientSecret", Samples.ClientSecret),
            (Samples.Kube(), "kubeconfig", Samples.Kubeconfig),
            (Samples.Terraform(), "token", Samples.TerraformToken),
            (Samples.Generic(), "password", Samples.GenericPassword),
        })
        {
            var name = Samples.Name();
            var metadata = await Vault.CreateAsync(name, credential, "alice");
            Assert.DoesNotContain(value, JsonSerializer.Serialize(metadata), StringComparison.Ordinal);
            Assert.Equal(value, (await Vault.GetSecretAsync(name))[secretField]);
        }

        var azure = (await Vault.ListAsync()).Single(m => m.Kind == CredentialKind.AzureServicePrincipal);
        Assert.Equal(["clientId", "subscriptionId", "tenantId"], azure.Attributes.Keys);
        Assert.Equal(["kubeconfig"], (await Vault.ListAsync("platform")).Single().SecretFields);
        Assert.Equal(["password", "username"], (await Vault.ListAsync()).Single(m => m.Kind == CredentialKind.Generic).SecretFields);
    }

    [Fact]
    public async Task RotationReplacesTheSecretWithANewVersionAndTheAuditTrailRecordsEveryChangeWithoutSecrets()
    {
        var name = Samples.Name();
        await Vault.CreateAsync(name, Samples.Aws(), "alice");
        var rotated = await Vault.RotateAsync(name, Samples.Rotation("rotated-SECRET-value-2"), "bob");

        Assert.Equal((2, "bob", "alice"), (rotated.Version, rotated.RotatedBy, rotated.CreatedBy));
        Assert.NotNull(rotated.RotatedAt);
        Assert.Equal("****NEW1", rotated.Attributes["accessKeyId"]);
        Assert.Equal(["accessKeyId", "secretAccessKey"], rotated.SecretFields);
        var secret = await Vault.GetSecretAsync(name);
        Assert.Equal(("rotated-SECRET-value-2", 2, false), (secret["secretAccessKey"], secret.Version, secret.TryGetValue("sessionToken", out _)));

        await Vault.DeleteAsync(name, "carol");
        await Assert.ThrowsAsync<NotFoundException>(() => Vault.GetSecretAsync(name));

        var trail = (await _host.Audit.SearchAsync(new AuditQuery(ResourceId: CredentialVault.AuditResourceId(name)))).Items.Reverse().ToArray();
        Assert.Equal(
            [(AuditActions.CredentialCreated, "alice", "1"), (AuditActions.CredentialRotated, "bob", "2"), (AuditActions.CredentialDeleted, "carol", "2")],
            trail.Select(e => (e.Action, e.Actor, e.Details["version"])));
        Assert.Equal("1", trail[1].Details["previousVersion"]);
        Assert.Equal("aws-access-key", trail[0].Details["kind"]);
        var json = JsonSerializer.Serialize(trail);
        Assert.DoesNotContain("SECRET", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.AccessKeyId, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARotationMustCarryTheRequiredFieldsOfTheCredentialsKind()
    {
        var name = Samples.Name();
        await Vault.CreateAsync(name, Samples.Terraform(), "alice");
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Vault.RotateAsync(name, Samples.Rotation("x"), "bob"));
        Assert.Equal(["fields.accessKeyId", "fields.hostname", "fields.region", "fields.secretAccessKey", "fields.token"], refused.Errors.Keys.Order());
        Assert.Equal(1, (await Vault.GetAsync(name)).Version);
    }

    [Fact]
    public async Task NamesAreUniqueAndMissingCredentialsAreNotFound()
    {
        var name = Samples.Name();
        await Vault.CreateAsync(name, Samples.Generic(), "alice");
        await Assert.ThrowsAsync<ConflictException>(() => Vault.CreateAsync(name, Samples.Terraform(), "bob"));
        Assert.Equal(CredentialKind.Generic, (await Vault.GetAsync(name)).Kind);

        await Assert.ThrowsAsync<NotFoundException>(() => Vault.GetAsync("nothing-here"));
        await Assert.ThrowsAsync<NotFoundException>(() => Vault.RotateAsync("nothing-here", Samples.Rotation("x"), "bob"));
        await Assert.ThrowsAsync<NotFoundException>(() => Vault.DeleteAsync("nothing-here", "bob"));
        await Assert.ThrowsAsync<NotFoundException>(() => Vault.GetSecretAsync("nothing-here"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Prod")]
    [InlineData("-prod")]
    [InlineData("prod aws")]
    [InlineData("prod/aws")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890abcd")]
    public async Task BadNamesAreRefusedNamingTheNameField(string name)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Vault.CreateAsync(name, Samples.Generic(), "alice"));
        Assert.Equal(["name"], refused.Errors.Keys);
        await Assert.ThrowsAsync<ValidationException>(() => Vault.GetAsync(name));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("aws.prod_eu-west-1")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890abc")]
    public async Task NamesOfOneTo63AllowedCharactersAreAccepted(string name)
    {
        Assert.Equal(name, (await Vault.CreateAsync(name, Samples.Generic(), "alice")).Name);
    }

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task BadInputIsRefusedNamingTheFieldAndNeverRepeatingAValue(NewCredential credential, string field)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Vault.CreateAsync(Samples.Name(), credential, "alice"));
        Assert.Contains(field, refused.Errors.Keys);
        foreach (var value in credential.Fields?.Values ?? [])
        {
            if (value is { Length: > 3 })
            {
                Assert.DoesNotContain(value, refused.Message, StringComparison.Ordinal);
            }
        }

        Assert.Empty(await Vault.ListAsync());
    }

    [Fact]
    public async Task SecretHoldingTypesNeitherPrintNorSerializeTheirValues()
    {
        var name = Samples.Name();
        await Vault.CreateAsync(name, Samples.Aws(), "alice");
        var secret = await Vault.GetSecretAsync(name);
        var row = await _host.Store.FindAsync(name);
        string[] printed =
        [
            Samples.Aws().ToString(),
            Samples.Rotation(Samples.SecretAccessKey).ToString(),
            secret.ToString(),
            $"{secret}",
            row!.ToString(),
            JsonSerializer.Serialize(secret),
        ];

        Assert.All(printed, text =>
        {
            Assert.DoesNotContain(Samples.SecretAccessKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Samples.SessionToken, text, StringComparison.Ordinal);
        });
        Assert.Contains("secretAccessKey", secret.ToString(), StringComparison.Ordinal);
        Assert.Contains("redacted", printed[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task APayloadCopiedOntoAnotherCredentialDoesNotDecrypt()
    {
        var (victim, attacker) = (Samples.Name(), Samples.Name());
        await Vault.CreateAsync(victim, Samples.Generic(), "alice");
        await Vault.CreateAsync(attacker, Samples.Generic(), "mallory");
        var stolen = (await _host.Store.FindAsync(victim))!.Payload;
        var target = (await _host.Store.FindAsync(attacker))!;
        Assert.True(await _host.Store.TryReplaceAsync(target with { Payload = stolen }, target.Metadata.Version));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Vault.GetSecretAsync(attacker));
        Assert.Contains(attacker, failure.Message, StringComparison.Ordinal);
        Assert.Equal(Samples.GenericPassword, (await Vault.GetSecretAsync(victim))["password"]);
    }

    [Fact]
    public async Task TheStoredPayloadIsCiphertext()
    {
        var name = Samples.Name();
        await Vault.CreateAsync(name, Samples.Kube(), "alice");
        var payload = (await _host.Store.FindAsync(name))!.Payload;
        foreach (var text in new[] { System.Text.Encoding.UTF8.GetString(payload), Convert.ToBase64String(payload), Convert.ToHexString(payload) })
        {
            Assert.DoesNotContain("SECRET", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("apiVersion", text, StringComparison.Ordinal);
        }
    }

    private static NewCredential With(NewCredential credential, string field, string? value)
    {
        var fields = new Dictionary<string, string>(credential.Fields!);
        if (value is null)
        {
            fields.Remove(field);
        }
        else
        {
            fields[field] = value;
        }

        return new NewCredential { Kind = credential.Kind, Team = credential.Team, Description = credential.Description, Fields = fields };
    }
}
