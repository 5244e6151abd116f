# A Python 2 file left in the tree.
print "hello"
