using Tarang.Server;

var app = TarangServer.Build(args);
await app.RunAsync();
