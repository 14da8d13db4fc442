// The `mytoken` command line client (cli spec); everything lives in src/cli.
#include "cli/app.hpp"

int main(int argc, char** argv) { return mytoken::cli::run(argc, argv); }
