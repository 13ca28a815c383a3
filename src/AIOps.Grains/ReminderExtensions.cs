namespace AIOps.Grains;

/// <summary>Reminder housekeeping shared by the grains that keep deadlines.</summary>
internal static class ReminderExtensions
{
    /// <summary>Unregisters the named reminder if the grain has it; otherwise does nothing.</summary>
    public static async Task UnregisterReminderIfAnyAsync(this Grain grain, string reminderName)
    {
        if (await grain.GetReminder(reminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
