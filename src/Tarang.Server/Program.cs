using Tarang.Server;
using Tarang.Server.Operations;

if (args.Length > 0 && args[0] == AdminCommand.Name)
{
    return await AdminCommand.RunAsync(args, Console.Out);
}

try
{
    var app = await TarangServer.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (StartupFailure.Describe(exception) is { } reason)
{
    // A bad setting or an unusable file: the message names it, so one line names what to fix.
    // Anything else is a bug and keeps its stack trace.
    await Console.Error.WriteLineAsync($"Tarang did not start: {reason}");
    return 1;
}
