print("evomath")
