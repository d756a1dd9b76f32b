// Placeholder while the app is being written.
int main() { return 0; }
