namespace AIOps.Silo.Identity;

/// <summary>
/// <c>AIOps.Silo hash-password</c>: reads a password from standard input (so it is not left in the shell's history or
/// the process list) and prints the hash to put in <c>AIOps:Identity:Users:N:PasswordHash</c>.
/// </summary>
internal static class HashPasswordCommand
{
    public const int MinimumLength = 12;

    public static async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter error)
    {
        var password = (await input.ReadLineAsync())?.TrimEnd('\r');
        if (password is null || password.Length < MinimumLength)
        {
            await error.WriteLineAsync($"hash-password: write the password (at least {MinimumLength} characters) on standard input, e.g. 'read -rs P && echo \"$P\" | dotnet run --project silo/AIOps.Silo -- hash-password'.");
            return 2;
        }

        await output.WriteLineAsync(IdentityCatalog.HashPassword(password));
        return 0;
    }
}
