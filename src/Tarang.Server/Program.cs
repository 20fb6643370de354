using Tarang.Server;

if (args.Length > 0 && args[0] == AdminCommand.Name)
{
    return await AdminCommand.RunAsync(args, Console.Out);
}

var app = TarangServer.Build(args);
await app.RunAsync();
return 0;
